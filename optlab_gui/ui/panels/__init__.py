"""The three teaching panels, registered by name for the main window and the command line."""
