"""Who asks and what they may see: access rules and labels, sign-in accounts, the audit trail of
every question, ratings, and downloads of the indexed files.
"""
