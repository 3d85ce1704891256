"""Tests of the VPN clients (gluetun, NordVPN, IP echo) against their simulators."""
