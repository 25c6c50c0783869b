"""The agenda file's problems (`minutely check`, opening an agenda): kept with the loader in
`agendas.wording`, the layer below, and taken into the catalog here."""

from __future__ import annotations

from agendas.wording import STRINGS as STRINGS
