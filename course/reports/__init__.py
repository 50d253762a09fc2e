"""`course report`: grades CSV files and HTML reports with plots, per assignment and for the whole course."""
