"""Build plumbing for the learner shell.

The precache plugin (the worker itself is assets/sw.js), and the plugin that keeps
the workspace's state defaults out of the bundle the learner pages load.
"""

from mmapp.pwa.plugin import PwaPlugin
from mmapp.pwa.state_split import WorkspaceStatePlugin

__all__ = ["PwaPlugin", "WorkspaceStatePlugin"]
