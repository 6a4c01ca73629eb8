"""Tasks to and from Excel: the import template, plan imports, exports and bulk progress sheets.

The sheets are a Vietnamese interchange format: headers, keywords ("hằng tháng", "x")
and status words are fixed Vietnamese whatever the interface language, so a sheet
exported by one person imports for another. Error reasons follow the user's language.

    vocabulary.py  the columns, the words and the guidance printed in the sheets
    workbooks.py   reading and writing .xlsx, whatever the sheet holds
    tasks.py       the plan's task template, its all-or-nothing import, the export
    progress.py    a unit's open tasks out, many progress updates back in
"""

from mandate.core.workbooks import UnreadableSheet
from mandate.work.sheets.progress import import_progress, open_tasks_of, progress_sheet
from mandate.work.sheets.tasks import export_tasks, import_plan_tasks, task_template
from mandate.work.sheets.vocabulary import EXPORT_COLUMNS, PROGRESS_COLUMNS, TASK_COLUMNS

__all__ = [
    "EXPORT_COLUMNS",
    "PROGRESS_COLUMNS",
    "TASK_COLUMNS",
    "UnreadableSheet",
    "export_tasks",
    "import_plan_tasks",
    "import_progress",
    "open_tasks_of",
    "progress_sheet",
    "task_template",
]
