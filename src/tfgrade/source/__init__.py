"""Reading student files: notebooks, demo-code filtering, class folders."""
