"""Pages of the people who handle reports: a supervisor's team (loss reports, staff
acknowledgments due) and the legal director's breaches."""

MODULES = ["losses", "acknowledgments", "breaches"]
