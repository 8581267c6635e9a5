"""The reconcile stage: conflicts within an article, stories across articles, the same
statement in several articles, corroboration, origin and contradictions."""
