@checkout
Feature: Face check-out at a Launchpad
  A nurse taps her badge on a Launchpad, a phone lights up, and the Locker app checks
  her face with the cloud platform. The phone is hers once the face matches and the
  second factor of her policy is satisfied. Every attempt lands in the audit log.

  Background:
    Given the hospital is set up as the vendor guide asks

  @REQ-CO-01 @REQ-CO-02 @REQ-CO-14 @REQ-PRE-02 @REQ-PRE-07 @REQ-PRE-10 @browser @smoke @compliant
  Scenario: A badge tap and her face check out a phone (camera granted, internet reachable)
    Given Ada is enrolled for face recognition, with "the badge tap" as second factor
    When Ada taps her badge on Launchpad "LP-ICU-1"
    Then MAM learned who she is from EAM
    When she picks up the phone that lights up
    Then the phone is checked out to Ada with face recognition
    And the audit log records this check-out as:
      | event       | factors     | result  | reason |
      | badge_tap   | badge       | success |        |
      | face_attempt| face        | success |        |
      | checked_out | face, badge | success |        |

  @REQ-CO-02 @REQ-CO-14 @browser @compliant
  Scenario: Face recognition paired with a PIN asks for the PIN before the phone is hers
    Given Priya is enrolled for face recognition, with "a PIN" as second factor
    When Priya taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone asks for her PIN after recognising her face
    And the phone is not checked out
    When she enters her PIN
    Then the phone is checked out to Priya with face recognition
    And the audit log records this check-out as:
      | event         | factors   | result  | reason |
      | badge_tap     | badge     | success |        |
      | face_attempt  | face      | success |        |
      | second_factor | pin       | success |        |
      | checked_out   | face, pin | success |        |

  @REQ-CO-13 @REQ-CO-04 @REQ-CO-14 @browser @must-fail
  Scenario: Another person's face does not open her check-out
    Given Ada is enrolled for face recognition, with "the badge tap" as second factor
    And the phone's camera shows the face of Omar
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says the face was not recognised
    And the phone is not checked out
    And the phone offers "Try face again, Use password, Use PIN"
    When she completes check-out with her password
    Then the phone is checked out to Ada with password
    And the audit log records this check-out as:
      | event            | factors         | result  | reason        |
      | badge_tap        | badge           | success |               |
      | face_attempt     | face            | failure | face_no_match |
      | fallback_attempt | password        | success |               |
      | checked_out      | password, badge | success |               |

  @REQ-CO-13 @REQ-CO-14 @browser @must-fail
  Scenario: An empty picture is told apart from a face that does not match
    Given Ada is enrolled for face recognition, with "the badge tap" as second factor
    And the phone's camera shows an empty frame
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says no face was found
    And the phone is not checked out
    And the audit log records this check-out as:
      | event        | factors | result  | reason       |
      | badge_tap    | badge   | success |              |
      | face_attempt | face    | failure | face_no_face |

  @REQ-CO-01 @REQ-CO-13 @REQ-CO-14 @browser @must-fail
  Scenario: A printed photo of her own face is refused as not live
    Given Ada is enrolled for face recognition, with "the badge tap" as second factor
    And the phone's camera shows a printed photo of Ada's face
    When Ada taps her badge on Launchpad "LP-ICU-1"
    And she picks up the phone that lights up
    Then the phone says the picture is not a live face
    And the phone is not checked out
    And the phone offers "Try face again, Use password, Use PIN"
    And the audit log records this check-out as:
      | event        | factors | result  | reason        |
      | badge_tap    | badge   | success |               |
      | face_attempt | face    | failure | face_not_live |

  @REQ-CO-01 @REQ-CO-14 @must-fail
  Scenario: A badge nobody owns is refused and audited
    When someone taps an unknown badge "BADGE-00000000" on Launchpad "LP-ICU-1"
    Then the audit log records a refused tap of badge "BADGE-00000000" at Launchpad "LP-ICU-1"

  @REQ-PRE-02 @must-fail
  Scenario: Without EAM, the identity provider, no check-out starts
    When Ada taps her badge on Launchpad "LP-ICU-1" while EAM cannot be reached
    Then no check-out starts and no phone is handed out
