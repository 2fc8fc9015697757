@checkout @matrix
Feature: EAM versions and user policies decide whether face recognition is offered
  Face recognition needs EAM 25.2. "No second factor" is offered, not recommended, up
  to 25.3 and is gone from 25.4. Versions compare as versions: 25.10 is later than 25.4.

  Background:
    Given the hospital is set up as the vendor guide asks

  @REQ-PRE-11 @REQ-CO-02 @REQ-CO-03
  Scenario Outline: EAM <version> with face recognition and <second factor>: <outcome>
    Given the EAM appliances run version "<version>"
    And Ada's user policy pairs face recognition with "<second factor>"
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then <outcome>

    @eam-25.1 @must-fail
    Examples: before face recognition
      | version | second factor | outcome                                                       |
      | 25.1    | the badge tap | face recognition is not offered, with reason eam_version_unsupported |

    @eam-25.3 @compliant
    Examples: 25.3 still offers no second factor
      | version | second factor    | outcome                   |
      | 25.3    | no second factor | face recognition is offered |
      | 25.3    | the badge tap    | face recognition is offered |

    @eam-25.4 @compliant
    Examples: 25.4 and later
      | version | second factor | outcome                   |
      | 25.4    | the badge tap | face recognition is offered |
      | 25.4    | a PIN         | face recognition is offered |
      | 25.4    | any of them   | face recognition is offered |
      | 25.10   | the badge tap | face recognition is offered |

  @REQ-CO-03 @eam-25.3 @compliant
  Scenario: On EAM 25.3 "no second factor" is accepted with a not-recommended warning
    Given the EAM appliances run version "25.3"
    When an administrator pairs face recognition with "no second factor" in Ada's user policy
    Then EAM accepts it with the warning "not recommended"

  @REQ-CO-03 @eam-25.4 @must-fail
  Scenario: On EAM 25.4 "no second factor" is refused
    Given the EAM appliances run version "25.4"
    When an administrator pairs face recognition with "no second factor" in Ada's user policy
    Then EAM refuses it, saying "removed in 25.4"

  @REQ-CO-03 @eam-25.4 @must-fail
  Scenario: A policy left with no second factor from 25.3 is refused face recognition after the upgrade to 25.4
    Given the EAM appliances run version "25.3"
    And Ada's user policy pairs face recognition with "no second factor"
    And the EAM appliances run version "25.4"
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is not offered, with reason policy_disallows_face

  @REQ-CO-11 @compliant
  Scenario: Nurses' user policy allows the proximity card as a primary factor
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is offered

  @REQ-PRE-09 @compliant
  Scenario Outline: Locker <version> on <platform> is recent enough
    Given the phone "<phone>" runs Locker "<version>"
    When Ada taps her badge on Launchpad "<launchpad>"
    Then face recognition is offered

    Examples:
      | platform | phone         | launchpad | version |
      | iOS      | IPHONE-ICU-01 | LP-ICU-1  | 4.0     |
      | iOS      | IPHONE-ICU-01 | LP-ICU-1  | 4.10    |
      | Android  | PIXEL-WARD-01 | LP-WARD-3 | 2.0     |

  @REQ-CO-08 @REQ-CO-09 @REQ-CO-10 @compliant
  Scenario: Launchpads and iPhones in the Default Computer Policy, with an override that keeps the card
    Given the computer policy of Launchpad "LP-ICU-1" has an override allowing only "badge, face, password"
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is offered

  @REQ-PRE-01 @REQ-PRE-03 @REQ-PRE-08 @compliant
  Scenario: With both licences and the amendment signed, face recognition is offered
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then face recognition is offered
