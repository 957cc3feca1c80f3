"""Problems found in the data: one record each, collected, never raised one at a time."""

from plansite.problems.record import DataError, Problem, Problems

__all__ = ["DataError", "Problem", "Problems"]
