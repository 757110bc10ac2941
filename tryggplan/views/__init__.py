"""Pure HTML rendering of the plan model for the generated site.

Every function takes model objects (and a SiteSettings or today's date) and returns Markdown with
HTML blocks as a string. Nothing here imports MkDocs, reads files or runs git: the site providers
collect what a view needs and the MkDocs hook only turns the result into pages.

Every string from YAML goes through ``html.esc`` (plain text) or ``html.md`` (fields the schema
marks as Markdown); headings use ``html.heading`` which also escapes Markdown syntax.
"""
