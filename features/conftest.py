"""Specs (.feature) are run by the step library shipped in the package: no Python per feature.

See docs/writing-specs.md. `engine.specs.steps` registers the phrases, collects the .feature
files in this folder, and explains failures in Chinese.
"""

pytest_plugins = ["engine.specs.steps"]
