"""Exchange: plans and follow-ups to and from spreadsheets, and open data (CSV, JSON) for the site."""
