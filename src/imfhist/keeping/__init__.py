"""Keeping a timeline: changes planned as values (plan_add, plan_edit, plan_init, drafts), the
whole new file checked (transaction), then written under a lock and atomically (writer, atomic,
locking); source pages fetched and archived (fetch_pages). Imports from imfhist.checking and
below, never from imfhist.publishing."""
