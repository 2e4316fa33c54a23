"""The reviewer's web app: server-rendered pages under /ui, a front end beside the Slack bot, above the service.

Mounted by ``vendor-assurance serve`` through the ``vendor_assurance.plugins`` entry point (``web.plugin``).
"""
