@art_25 @art_26
Feature: Legality review before the collective discussion (Decree 713, Articles 25-26)
  The same step library in English, for reviewers who do not read Chinese.
  Rules can be named by id or by their English title.

  Background:
    Given the ruleset "cn.mad.decree-713"

  @rule_mad_legal_before_discussion
  Scenario: A draft discussed without a legality review
    Given a dossier in which every procedure was followed
    And the dossier has no legality review record
    When the dossier is checked at stage "discussion"
    Then a violation of "The draft is reviewed for legality before it is discussed" is reported
    And it cites Article 25 paragraph 1
    And no other findings are reported
    And the dossier is not compliant

  @rule_mad_legal_before_discussion
  Scenario: A request for comments does not replace the review
    Given a dossier in which every procedure was followed
    And the legality review was replaced by a request for comments
    When the dossier is checked
    Then a violation of Article 25 is reported

  @rule_mad_legal_review_time
  Scenario Outline: At least seven working days for the review
    Given a dossier in which every procedure was followed
    And the draft was sent for legality review on <sent> and the opinion issued on <issued>
    When the dossier is checked
    Then the outcome of "mad.legal.review-time" is <outcome>

    Examples:
      | sent       | issued     | outcome   |
      | 2023-04-10 | 2023-04-25 | satisfied |
      | 2023-04-24 | 2023-04-26 | violated  |

  Scenario: Building a dossier step by step
    Given a major administrative decision dossier
    And in the dossier "undertaking_unit" is "City Development and Reform Commission"
    And the matter is specialised or technical
    And the legality review was completed on 2023-05-01
    And the dossier has no expert review record
    When the dossier is checked at stage "discussion"
    Then a violation of "mad.expert.trigger" is reported
    And "mad.legal.before-discussion" is satisfied
    And "mad.hearing.trigger" does not apply

  Scenario: A complete dossier
    Given a dossier in which every procedure was followed
    When the dossier is checked
    Then no findings are reported
    And the dossier is compliant
    And the ruleset applied is "cn.mad.decree-713"
