"""Owns the human wording of workspace data: times, device names, audit actions, order.

Plain Python (no reflex): the workspace states turn stored values into what a
coordinator reads, with Babel for dates in their timezone and ua-parser for devices.
"""

from mmapp.present import actions, devices, order, times
from mmapp.present.actions import action_words
from mmapp.present.devices import device_name
from mmapp.present.order import ordered
from mmapp.present.times import when

__all__ = [
    "action_words",
    "actions",
    "device_name",
    "devices",
    "order",
    "ordered",
    "times",
    "when",
]
