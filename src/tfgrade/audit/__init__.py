"""`tfgrade audit`: prove a course's graders on the reference, the stub, the author's mutants and correct
variants, and mutants generated from the reference (docs/audit.md)."""
