@entra @graph
Feature: Following the vendor guide's Entra steps through Graph
  An administrator follows "Configure Microsoft Entra ID for EAM" in Graph Explorer.
  Graph answers as it really does: the guide's own HRD definition is refused, a
  create returns the single new policy (not the guide's collection), the assignment
  wants the service principal's object id, and a second HRD policy is refused.

  Background:
    Given the hospital is set up as the vendor guide asks

  @REQ-ENTRA-05 @must-fail
  Scenario: The guide's HRD definition, with its trailing comma, is refused
    When the administrator creates an HRD policy with the vendor guide's definition
    Then Graph refuses it with 400 Request_BadRequest

  @REQ-ENTRA-05 @compliant
  Scenario: A correct HRD policy is created, assigned by service principal id, and verified
    Given the tenant's domain is federated with another identity provider
    When the administrator creates an HRD policy with definition '{"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}'
    Then Graph answers 201 with the single new entity, not a collection
    When the administrator assigns the policy to the sync app by its "service principal object id"
    Then Graph answers 204 with no body
    And the policy applies to the sync app's service principal only
    When the Entra readiness checks run
    Then ENTRA-05 has no finding

  @REQ-ENTRA-05 @must-fail
  Scenario Outline: Assigning the policy by the wrong id of the sync app is refused: <kind>
    When the administrator creates an HRD policy with definition '{"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}'
    And the administrator assigns the policy to the sync app by its "<kind>"
    Then Graph refuses it with 404 Request_ResourceNotFound

    Examples:
      | kind                  |
      | appId                 |
      | application object id |

  @REQ-ENTRA-05 @must-fail
  Scenario: A second HRD policy on the sync app is refused
    When the administrator creates an HRD policy with definition '{"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}'
    And the administrator assigns the policy to the sync app by its "service principal object id"
    And the administrator assigns another valid HRD policy to the sync app
    Then Graph refuses it with 400 Request_BadRequest

  @REQ-ENTRA-05 @must-fail
  Scenario: A definition without the HomeRealmDiscoveryPolicy root is stored, and the checks catch it
    Given the tenant's domain is federated with another identity provider
    When the administrator creates an HRD policy with definition '{"AllowCloudPasswordValidation":true}'
    Then Graph answers 201 with the single new entity, not a collection
    When the administrator assigns the policy to the sync app by its "service principal object id"
    And the Entra readiness checks run
    Then HRD_DEFINITION_MISSING_ROOT is reported for ENTRA-05

  @REQ-ENTRA-01 @must-fail
  Scenario Outline: A named location with a malformed range is refused: <case>
    When the administrator creates a trusted IP named location with "<ranges>"
    Then Graph refuses it with 400 BadRequest

    Examples:
      | case                 | ranges                        |
      | a bare address       | 44.207.16.175                 |
      | a mask out of range  | 44.207.16.175/33              |
      | not an address       | imprivata.example/32          |

  @REQ-ENTRA-01 @must-fail
  Scenario: A named location without its @odata.type is refused
    When the administrator creates a named location without its @odata.type
    Then Graph refuses it with 400 BadRequest

  @REQ-ENTRA-01 @compliant
  Scenario: The vendor's three addresses as /32 ranges are accepted
    When the administrator creates a trusted IP named location with "44.207.16.175/32, 44.196.189.191/32, 34.195.47.118/32"
    Then Graph answers 201 with the single new entity, not a collection
