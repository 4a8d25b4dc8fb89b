"""The municipality's knowledge: answers to questions (VAC), product pages
and colleagues, from files and from the Objects API, made searchable."""
