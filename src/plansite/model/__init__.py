"""Typed model of a plan: what it promises, who does it, where, and by when.

The classes mirror the YAML files under the data folder, one module per file (``plan``,
``indicators``, ``tasks``, ``places``, ``work``); ``investment`` (programmes, projects, money
figures) and ``updates`` (dated acts about task groups) hold what sources say about carrying it
out; ``data`` holds the whole plan and ``observations`` the checked figures of the progress
files. They forbid unknown fields, so a misspelt field name is reported instead of silently ignored. Cross-references
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
from plansite.model.investment import (
    AGENCY_ROLE_LABELS,
    CAPITAL_SOURCE_LABELS,
    CAPITAL_TYPE_LABELS,
    CAUTION_LABELS,
    MEASURE_LABELS,
    MEASURE_NATURE,
    NATURE_LABELS,
    OUTSIDE,
    Figure,
    Programme,
    Project,
    SourceRef,
    TaskLink,
)
from plansite.model.observations import Observation, Progress
from plansite.model.places import AdminEvent, Level, Place, Places
from plansite.model.plan import Area, Contact, Document, GeneralObjective, Plan, Publisher, Reporting, Signer, Years
from plansite.model.tasks import Agency, Point, Successor, Task
from plansite.model.updates import UPDATE_KIND_LABELS, TaskUpdate
from plansite.model.when import PartialDate
from plansite.model.words import Abbreviation
from plansite.model.work import WORK_STATUS_LABELS, Evidence, WorkStatus, WorkUpdate

__all__ = [
    "AGENCY_ROLE_LABELS",
    "BASIS_LABELS",
    "CAPITAL_SOURCE_LABELS",
    "CAPITAL_TYPE_LABELS",
    "CAUTION_LABELS",
    "CHANGE_LABELS",
    "KIND_LABELS",
    "MEASURE_LABELS",
    "MEASURE_NATURE",
    "NATURE_LABELS",
    "OPERATOR_SYMBOLS",
    "OUTSIDE",
    "RESERVED_IDS",
    "ROLE_LABELS",
    "UPDATE_KIND_LABELS",
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
    "Figure",
    "GeneralObjective",
    "Id",
    "Indicator",
    "Level",
    "Observation",
    "Operator",
    "PartialDate",
    "Place",
    "Places",
    "Plan",
    "PlanData",
    "Point",
    "Programme",
    "Progress",
    "Project",
    "Publisher",
    "Quote",
    "Reporting",
    "Role",
    "Series",
    "Signer",
    "SourceRef",
    "Strict",
    "Successor",
    "Target",
    "TargetKind",
    "Task",
    "TaskLink",
    "TaskUpdate",
    "Text",
    "WorkStatus",
    "WorkUpdate",
    "Years",
    "parse_date",
]
