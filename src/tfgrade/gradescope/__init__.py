"""Gradescope: the autograder zip (`tfgrade gradescope`) and what runs inside it for each submission."""
