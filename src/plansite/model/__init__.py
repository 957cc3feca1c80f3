"""Typed model of a plan: what it promises, who does it, where, and by when.

The classes mirror the YAML files under the data folder, one module per file (``plan``,
``indicators``, ``tasks``, ``places``, ``work``); ``data`` holds the whole plan and
``observations`` the checked figures of the progress files. They forbid unknown fields,
so a misspelt field name is reported instead of silently ignored. Cross-references
(agency ids, anchors, places …) are checked in ``plansite.check.references``.

Everything is importable from here: ``from plansite import model as m; m.Indicator``.
"""

from __future__ import annotations

from plansite.model.base import (
    BASIS_LABELS,
    RESERVED_IDS,
    ROLE_LABELS,
    AgencyLink,
    Basis,
    Date,
    Id,
    Quote,
    Role,
    Strict,
    Text,
    parse_date,
)
from plansite.model.data import PlanData
from plansite.model.indicators import (
    CHANGE_LABELS,
    KIND_LABELS,
    OPERATOR_SYMBOLS,
    Change,
    DataNote,
    Indicator,
    Operator,
    Series,
    Target,
    TargetKind,
)
from plansite.model.observations import Observation, Progress
from plansite.model.places import AdminEvent, Level, Place, Places
from plansite.model.plan import Area, Contact, Document, GeneralObjective, Plan, Publisher, Reporting, Signer, Years
from plansite.model.tasks import Agency, Point, Successor, Task
from plansite.model.words import Abbreviation
from plansite.model.work import WORK_STATUS_LABELS, Evidence, WorkStatus, WorkUpdate

__all__ = [
    "BASIS_LABELS",
    "CHANGE_LABELS",
    "KIND_LABELS",
    "OPERATOR_SYMBOLS",
    "RESERVED_IDS",
    "ROLE_LABELS",
    "WORK_STATUS_LABELS",
    "Abbreviation",
    "AdminEvent",
    "Agency",
    "AgencyLink",
    "Area",
    "Basis",
    "Change",
    "Contact",
    "DataNote",
    "Date",
    "Document",
    "Evidence",
    "GeneralObjective",
    "Id",
    "Indicator",
    "Level",
    "Observation",
    "Operator",
    "Place",
    "Places",
    "Plan",
    "PlanData",
    "Point",
    "Progress",
    "Publisher",
    "Quote",
    "Reporting",
    "Role",
    "Series",
    "Signer",
    "Strict",
    "Successor",
    "Target",
    "TargetKind",
    "Task",
    "Text",
    "WorkStatus",
    "WorkUpdate",
    "Years",
    "parse_date",
]
