#!/usr/bin/python3
"""Server reflection on guest-invitation-server --dev, the way grpcurl uses
it: list the services, then fetch the file defining ours.

Usage: /usr/bin/python3 test_reflection.py PATH/TO/guest-invitation-server
(or set GUESTINV_SERVER_BIN).
"""

import sys
import unittest

import grpc
from google.protobuf import descriptor_pb2

import polyglot_harness as harness

SERVER_BIN = None  # set in __main__
SERVICE = "guestinvitation.v1.GuestInvitationService"


class ReflectionTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.channel = harness.start_serving_dev_server(
            cls, SERVER_BIN, "gi-polyglot-refl-")
        # Stubs exist only once start_serving_dev_server generated them.
        from reflection.v1alpha import reflection_pb2 as pb
        from reflection.v1alpha import reflection_pb2_grpc as pb_grpc
        cls.pb = pb
        cls.stub = pb_grpc.ServerReflectionStub(cls.channel)

    def ask(self, **request_fields):
        """One request on a reflection stream; returns its one response."""
        request = self.pb.ServerReflectionRequest(**request_fields)
        responses = list(self.stub.ServerReflectionInfo(
            iter([request]), timeout=harness.RPC_TIMEOUT_S))
        self.assertEqual(len(responses), 1)
        response = responses[0]
        self.assertNotEqual(response.WhichOneof("message_response"),
                            "error_response",
                            response.error_response.error_message)
        return response

    def test_lists_our_service_and_health(self):
        response = self.ask(list_services="")
        names = {s.name for s in response.list_services_response.service}
        self.assertIn(SERVICE, names)
        self.assertIn("grpc.health.v1.Health", names)

    def test_returns_the_descriptor_of_our_service(self):
        response = self.ask(file_containing_symbol=SERVICE)
        self.assertEqual(response.WhichOneof("message_response"),
                         "file_descriptor_response")
        files = [descriptor_pb2.FileDescriptorProto.FromString(raw)
                 for raw in response.file_descriptor_response
                 .file_descriptor_proto]
        ours = [f for f in files if f.package == "guestinvitation.v1"]
        self.assertEqual(len(ours), 1, [f.name for f in files])
        self.assertEqual(ours[0].name,
                         "guestinvitation/v1/guest_invitation.proto")
        services = {s.name: s for s in ours[0].service}
        self.assertIn("GuestInvitationService", services)
        methods = {m.name for m in services["GuestInvitationService"].method}
        self.assertIn("CreateInvitation", methods)


if __name__ == "__main__":
    SERVER_BIN, argv = harness.take_server_binary(sys.argv)
    unittest.main(argv=argv)
