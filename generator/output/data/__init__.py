"""output/data"""
