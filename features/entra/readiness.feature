@entra
Feature: Entra ID readiness for face check-out
  The Entra side of the vendor guide goes wrong silently: a policy that is stored but
  never applies, an exclusion that names the wrong id, a licence bundle with the premium
  plan switched off. The readiness checks read the tenant through Graph, read-only, and
  name each such mistake with a stable code, a remedy and the evidence they read.

  Background:
    Given the hospital is set up as the vendor guide asks

  @REQ-ENTRA-01 @REQ-ENTRA-02 @REQ-ENTRA-03 @REQ-ENTRA-04 @REQ-ENTRA-05 @REQ-ENTRA-06 @REQ-PRE-05 @REQ-PRE-06 @compliant @smoke
  Scenario: A tenant configured as the vendor guide asks has no finding
    When the Entra readiness checks run
    Then ENTRA-01 has no finding
    And ENTRA-02 has no finding
    And ENTRA-03 has no finding
    And ENTRA-04 has no finding
    And ENTRA-05 has no finding
    And ENTRA-06 has no finding
    And PRE-05 has no finding
    And PRE-06 has no finding

  @REQ-ENTRA-03 @REQ-ENTRA-05 @compliant
  Scenario: A federated tenant with password hash sync and the HRD policy on the sync app passes
    Given the tenant's domain is federated with another identity provider
    And an HRD policy allowing cloud password validation is assigned to the sync app
    When the Entra readiness checks run
    Then ENTRA-03 has no finding
    And ENTRA-05 has no finding

  @REQ-ENTRA-01 @must-fail
  Scenario Outline: A wrong trusted named location is caught: <case>
    Given the vendor's trusted location holds "<ranges>"
    When the Entra readiness checks run
    Then <code> is reported for ENTRA-01
    And the <code> finding names "<named>"

    Examples:
      | case                       | ranges                                                   | code                    | named           |
      | one vendor address missing | 44.207.16.175/32, 44.196.189.191/32                      | NL_VENDOR_RANGE_MISSING | 34.195.47.118   |
      | a /24 instead of a /32     | 44.207.16.0/24, 44.196.189.191/32, 34.195.47.118/32      | NL_VENDOR_RANGE_NOT_HOST | 44.207.16.0/24 |
      | a /16 trusted              | 44.207.0.0/16, 44.196.189.191/32, 34.195.47.118/32       | NL_BROAD_TRUSTED_RANGE  | 44.207.0.0/16   |
      | the whole internet trusted | 0.0.0.0/0                                                | NL_BROAD_TRUSTED_RANGE  | 0.0.0.0/0       |

  @REQ-ENTRA-01 @must-fail
  Scenario: An extra range in the vendor's location is only a warning
    Given the vendor's trusted location holds "44.207.16.175/32, 44.196.189.191/32, 34.195.47.118/32, 198.51.100.7/32"
    When the Entra readiness checks run
    Then only warnings are reported for ENTRA-01
    And the NL_EXTRA_RANGES finding names "198.51.100.7/32"

  @REQ-ENTRA-01 @must-fail
  Scenario: The vendor's location not marked trusted is caught
    Given the vendor's location is not marked trusted
    When the Entra readiness checks run
    Then NL_LOCATION_NOT_TRUSTED is reported for ENTRA-01

  @REQ-ENTRA-02 @must-fail
  Scenario: Per-user MFA without an attested list of MFA trusted IPs asks for an attestation
    Given per-user MFA is "enforced" for Ada
    When the Entra readiness checks run
    Then MFA_TRUSTED_IPS_ATTESTATION_REQUIRED is reported for ENTRA-02

  @REQ-ENTRA-02 @must-fail
  Scenario: Per-user MFA with an attested list lacking a vendor address is caught
    Given per-user MFA is "enabled" for Ada
    And an administrator attests the MFA trusted IPs "44.207.16.175/32, 44.196.189.191/32"
    When the Entra readiness checks run
    Then MFA_TRUSTED_IPS_MISSING is reported for ENTRA-02
    And the MFA_TRUSTED_IPS_MISSING finding names "34.195.47.118"

  @REQ-ENTRA-02 @compliant
  Scenario: Per-user MFA with the vendor addresses attested as MFA trusted IPs passes
    Given per-user MFA is "enabled" for Ada
    And an administrator attests the MFA trusted IPs "44.207.16.175/32, 44.196.189.191/32, 34.195.47.118/32"
    When the Entra readiness checks run
    Then ENTRA-02 has no finding

  @REQ-ENTRA-03 @must-fail
  Scenario: A federated tenant without password hash sync is caught
    Given the tenant's domain is federated with another identity provider
    And an HRD policy allowing cloud password validation is assigned to the sync app
    And password hash sync is off
    When the Entra readiness checks run
    Then PHS_DISABLED is reported for ENTRA-03

  @REQ-ENTRA-05 @must-fail
  Scenario Outline: A federated tenant's HRD policy mistake is caught: <case>
    Given the tenant's domain is federated with another identity provider
    And an HRD policy with definition '<definition>' is assigned to the sync app
    When the Entra readiness checks run
    Then <code> is reported for ENTRA-05

    Examples:
      | case                          | definition                                                           | code                                      |
      | the guide's trailing comma    | {"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true, }} | HRD_DEFINITION_NOT_JSON                   |
      | no HomeRealmDiscoveryPolicy   | {"AllowCloudPasswordValidation":true}                                | HRD_DEFINITION_MISSING_ROOT               |
      | the string "true"             | {"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":"true"}} | HRD_CLOUD_PASSWORD_VALIDATION_NOT_BOOLEAN |
      | validation switched off       | {"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":false}}  | HRD_CLOUD_PASSWORD_VALIDATION_OFF         |

  @REQ-ENTRA-05 @must-fail
  Scenario: A federated tenant without any HRD policy on the sync app is caught
    Given the tenant's domain is federated with another identity provider
    When the Entra readiness checks run
    Then HRD_POLICY_NOT_ASSIGNED is reported for ENTRA-05

  @REQ-ENTRA-05 @must-fail
  Scenario: Two HRD policies on the sync app are caught
    Given the tenant's domain is federated with another identity provider
    And an HRD policy allowing cloud password validation is assigned to the sync app
    And a second HRD policy is also assigned to the sync app
    When the Entra readiness checks run
    Then HRD_MULTIPLE_POLICIES is reported for ENTRA-05

  @REQ-ENTRA-05 @must-fail
  Scenario: Two organization-default HRD policies are caught
    Given two HRD policies are marked organization default
    When the Entra readiness checks run
    Then HRD_MULTIPLE_ORG_DEFAULTS is reported for ENTRA-05

  @REQ-ENTRA-06 @must-fail
  Scenario Outline: An MFA policy that reaches the sync app is caught: <case>
    Given <setup>
    When the Entra readiness checks run
    Then <code> is reported for ENTRA-06

    Examples:
      | case                                   | setup                                                                                          | code                              |
      | no exclusion                           | the policy "Require MFA for all users" excludes no application                                 | CA_SYNC_APP_NOT_EXCLUDED          |
      | excluded by service principal id       | the policy "Require MFA for all users" excludes the sync app by its "service principal object id" | CA_EXCLUSION_USES_OBJECT_ID     |
      | excluded by application object id      | the policy "Require MFA for all users" excludes the sync app by its "application object id"     | CA_EXCLUSION_USES_OBJECT_ID     |
      | MFA through an authentication strength | a new policy demands "an authentication strength" for all users and resources                  | CA_SYNC_APP_NOT_EXCLUDED          |
      | a Microsoft-managed policy turned on   | the Microsoft-managed MFA policy is turned on                                                  | CA_MICROSOFT_MANAGED_REQUIRES_MFA |

  @REQ-ENTRA-06 @must-fail
  Scenario: A report-only MFA policy that reaches the sync app is a warning
    Given a new policy demands "MFA in report-only mode" for all users and resources
    When the Entra readiness checks run
    Then only warnings are reported for ENTRA-06
    And CA_REPORT_ONLY_WOULD_REQUIRE_MFA is reported for ENTRA-06

  @REQ-ENTRA-04 @must-fail
  Scenario: A directory added without the admin rights the guide names is caught
    Given the cloud platform's directory was added with "User Administrator" rights
    When the Entra readiness checks run
    Then DIRECTORY_CONSENT_INSUFFICIENT is reported for ENTRA-04

  @REQ-ENTRA-04 @must-fail
  Scenario: A directory with no chosen group is caught
    Given no group is chosen for the cloud platform's directory sync
    And the directory sync runs
    When the Entra readiness checks run
    Then DIRECTORY_NO_GROUPS is reported for ENTRA-04

  @REQ-PRE-05 @REQ-ENTRA-04 @must-fail
  Scenario: A user in scope who is no longer synced from AD is caught
    Given Omar is no longer synced from Active Directory
    When the Entra readiness checks run
    Then USER_NOT_SYNCED_FROM_AD is reported for PRE-05
    And DIRECTORY_MEMBER_NOT_SYNCED is reported for ENTRA-04

  @REQ-PRE-06 @must-fail
  Scenario: A licence bundle with its P1 plan switched off is caught by plan id, not SKU name
    Given Lena has no enabled Entra ID P1 or P2 plan
    When the Entra readiness checks run
    Then USER_NO_PREMIUM_PLAN is reported for PRE-06
    And the USER_NO_PREMIUM_PLAN finding names "41781fb2-bc02-4b7c-bd55-b576c07bb09d"
