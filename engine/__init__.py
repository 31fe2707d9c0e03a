"""juece (决策): checks that a major administrative decision went through every procedure the law requires.

The pipeline, one module a stage; data flows one way and the CLI only wires the stages:

    load.py       file → Dossier | LoadError        (UTF-8/GBK, libyaml, line numbers on error)
    rulesets.py   rulesets/**.yaml → Ruleset         (layers merged, chosen by place and date)
    compile.py    Ruleset → durable_rules spec       (named stages: references, citations, emit)
    facts.py      Dossier → facts                    (day numbers, working days, tri-state flags)
    evaluate.py   facts + spec → activations         (durable_rules C engine, trigger last)
    outcome.py    activations → each rule's outcome  (worst of its checks, waivers, satisfied by silence)
    findings.py   outcomes + Rule → findings         (evidence; citations and prose from engine/prose/)
    render/       DossierResult → text | json | md | html
    check.py      the façade that runs the stages for one dossier
    cli.py        typer commands; maps results to exit codes (0 / 1 / 2)

Below the stages: engine/core/ (the fact encoding compile and facts share, reading a dossier's values),
engine/prose/ (every citation, label and sentence of law), engine/models/ and engine/checks/ (one file a check kind).
"""

__version__ = "0.1.0"
