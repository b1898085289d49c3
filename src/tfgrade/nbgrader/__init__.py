"""nbgrader interoperability: export a course, run tfgrade's cases in a kernel, write nbgrader's CSV."""
