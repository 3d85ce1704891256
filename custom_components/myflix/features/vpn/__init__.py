"""The VPN through gluetun: status, the killswitch, server rotation and port sync."""
