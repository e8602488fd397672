"""Why the system refused to write a file, in the words of the app's language.

The system gives its reasons in English (« Read-only file system »); these are the ones people
meet with an event file, a USB stick or a shared folder.
"""

from __future__ import annotations

import errno

from facilitator.i18n import N_, _

REASONS = {
    errno.EACCES: N_("this folder may not be written to"),
    errno.EPERM: N_("this folder may not be written to"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk is full"),
    errno.EEXIST: N_("a file has the name of a folder on the way"),
    errno.ENOTDIR: N_("a file has the name of a folder on the way"),
    errno.ENOENT: N_("the folder no longer exists"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
}


def reason(error: OSError) -> str:
    """The reason for `error` in the current language; the system's own words if unknown."""
    known = REASONS.get(error.errno or 0)
    return _(known) if known else (error.strerror or str(error))
