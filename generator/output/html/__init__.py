"""output/html"""
