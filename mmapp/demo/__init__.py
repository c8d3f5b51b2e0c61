"""Demo content shipped with the app (JSON files read by `mmapp.demo.seed`)."""
