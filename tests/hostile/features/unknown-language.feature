# language: xx-YY
Feature: x
  Scenario: y
    Given nothing
