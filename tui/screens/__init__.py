"""The screens of the app, one module each; they reach the app only through `tui.screens.shell.Shell`."""
