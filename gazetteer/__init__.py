"""GeoNames and Natural Earth tables the geomap gazetteer is built from.

Installed as the package ``geomap.gazetteer_data``; see README.md here for
sources, licenses and attribution.
"""
