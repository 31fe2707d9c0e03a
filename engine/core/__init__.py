"""The engine's foundations: what every stage may use and that uses no stage.

Modules here import only the standard library, third-party packages, `engine.models` and each
other — never a pipeline stage (load, rulesets, layers, tighten, compile, facts, evaluate,
outcome, findings, check, render) nor a tool. docs/architecture.md draws the layers.
"""
