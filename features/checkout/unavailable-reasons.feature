@checkout @matrix
Feature: Every reason face recognition is not offered, on the phone and in the audit log
  Each condition of the check-out has its own reason code. When one fails, the phone
  says why in its own words, the audit log records the reason, and another method of
  the user's policy still checks the phone out.

  Background:
    Given the hospital is set up as the vendor guide asks
    And Ada is enrolled for face recognition, with "the badge tap" as second factor

  @browser @must-fail
  Scenario Outline: <condition>: the phone says so, the audit log records <reason>, the password completes
    Given <setup>
    When Ada taps her badge on Launchpad "<launchpad>"
    And she picks up the phone that lights up
    Then the phone says face recognition is unavailable with reason <reason>
    And the audit log records face recognition unavailable for this check-out with reason <reason>
    When she completes check-out with her password
    Then the phone is checked out to Ada with password

    @REQ-PRE-11
    Examples: EAM version
      | condition                   | setup                                               | launchpad | reason                  |
      | EAM older than 25.2         | the EAM appliances run version "25.1"                | LP-ICU-1  | eam_version_unsupported |

    @REQ-PRE-04
    Examples: Cloud Connect
      | condition                   | setup                                                  | launchpad | reason             |
      | Cloud Connect stopped       | the administrator stops Cloud Connect on appliance "EAM-2" | LP-ICU-1  | cloud_connect_down |

    @REQ-PRE-08 @REQ-PRE-01
    Examples: Licences
      | condition                   | setup                                                        | launchpad | reason          |
      | no Confirm ID licence       | the EAM "Confirm ID for Remote Access" licence is missing    | LP-ICU-1  | license_missing |

    @REQ-PRE-03
    Examples: Agreements
      | condition                   | setup                                      | launchpad | reason          |
      | amendment not signed        | the cloud services amendment is not signed | LP-ICU-1  | license_missing |

    @REQ-CO-11
    Examples: User policy
      | condition                   | setup                                                                     | launchpad | reason                |
      | card not a primary factor   | Ada's user policy does not allow the proximity card as a primary factor   | LP-ICU-1  | policy_disallows_face |

    @REQ-CO-09 @REQ-CO-08
    Examples: Computer policy
      | condition                   | setup                                                                        | launchpad | reason            |
      | override without the card   | the computer policy of Launchpad "LP-ICU-1" has an override allowing only "password, pin" | LP-ICU-1  | badge_not_allowed |
      | Launchpad in a kiosk policy | Launchpad "LP-ICU-1" is moved to the computer policy "kiosks"                 | LP-ICU-1  | badge_not_allowed |

    @REQ-CO-10
    Examples: iOS device
      | condition                   | setup                                                             | launchpad | reason            |
      | iPhone not a Prove ID device| the iOS device "IPHONE-ICU-01" is not listed as a Prove ID Web device | LP-ICU-1  | badge_not_allowed |

    @REQ-PRE-09
    Examples: Locker version
      | condition                   | setup                                              | launchpad | reason                     |
      | Locker 3.9 on iOS           | the phone "IPHONE-ICU-01" runs Locker "3.9"         | LP-ICU-1  | locker_version_unsupported |
      | Locker 1.9 on Android       | the phone "PIXEL-WARD-01" runs Locker "1.9"         | LP-WARD-3 | locker_version_unsupported |
