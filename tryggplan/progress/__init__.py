"""Progress: what follow-ups reported for each action, and how indicators move toward their targets."""
