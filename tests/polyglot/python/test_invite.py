#!/usr/bin/python3
"""A Python gRPC client invites through guest-invitation-server --dev.

Usage: /usr/bin/python3 test_invite.py PATH/TO/guest-invitation-server
(or set GUESTINV_SERVER_BIN). Needs Debian's python3-grpcio and protoc.
"""

import re
import sys
import unittest
import uuid

import grpc

import polyglot_harness as harness

SERVER_BIN = None  # set in __main__
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                  r"[0-9a-f]{12}$", re.IGNORECASE)
REDIRECT_URL = "https://myapp.fabrikam.com"


def status_details(error):
    """The google.rpc.Status from grpc-status-details-bin, or None."""
    from google.rpc import status_pb2
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            return status_pb2.Status.FromString(value)
    return None


def unpack_details(status, message_class):
    """Every detail of type message_class in a google.rpc.Status."""
    found = []
    for any_detail in status.details:
        if any_detail.Is(message_class.DESCRIPTOR):
            message = message_class()
            any_detail.Unpack(message)
            found.append(message)
    return found


class InviteTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.channel = harness.start_serving_dev_server(
            cls, SERVER_BIN, "gi-polyglot-py-")
        # Stubs exist only once start_serving_dev_server generated them.
        from guestinvitation.v1 import guest_invitation_pb2 as pb
        from guestinvitation.v1 import guest_invitation_pb2_grpc as pb_grpc
        cls.pb = pb
        cls.stub = pb_grpc.GuestInvitationServiceStub(cls.channel)

    def invite(self, email, request_id):
        request = self.pb.CreateInvitationRequest(
            invited_user_email_address=email,
            invite_redirect_url=REDIRECT_URL,
            invited_user_display_name="Polyglot Python",
            request_id=request_id)
        return self.stub.CreateInvitation(request,
                                          timeout=harness.RPC_TIMEOUT_S)

    def test_invite_and_retry_with_the_same_request_id(self):
        request_id = str(uuid.uuid4())
        first = self.invite("bob@contoso.com", request_id).invitation
        self.assertRegex(first.invited_user_id, GUID)
        self.assertTrue(first.invite_redeem_url, "redeem URL is empty")
        self.assertEqual(first.status,
                         self.pb.INVITATION_STATUS_PENDING_ACCEPTANCE)

        again = self.invite("bob@contoso.com", request_id).invitation
        self.assertEqual(again.invited_user_id, first.invited_user_id)

    def test_invalid_email_is_rejected_with_field_violation(self):
        from google.rpc import error_details_pb2
        with self.assertRaises(grpc.RpcError) as caught:
            self.invite("not-an-email", str(uuid.uuid4()))
        error = caught.exception
        self.assertEqual(error.code(), grpc.StatusCode.INVALID_ARGUMENT)

        status = status_details(error)
        self.assertIsNotNone(status, "no grpc-status-details-bin trailer")
        self.assertEqual(status.code, grpc.StatusCode.INVALID_ARGUMENT.value[0])
        fields = [violation.field
                  for bad_request in unpack_details(
                      status, error_details_pb2.BadRequest)
                  for violation in bad_request.field_violations]
        self.assertIn("invited_user_email_address", fields)
        domains = [info.domain for info in unpack_details(
            status, error_details_pb2.ErrorInfo)]
        self.assertIn("guestinvitation", domains)


if __name__ == "__main__":
    SERVER_BIN, argv = harness.take_server_binary(sys.argv)
    unittest.main(argv=argv)
