"""Charts: one theme (`theme`), one bar-chart spec (`spec`) and the one bar builder (`bars`).

Pages describe a chart with the dataclasses in `spec` and colour it by role name
from `theme`; they never import plotly nor write a colour themselves.
"""

from __future__ import annotations

import plotly.graph_objects as go

# What every builder returns; pages name it in type hints without importing plotly.
Figure = go.Figure
