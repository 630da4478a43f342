"""Labelled Form 4 fixtures: consistent filings drawn at random, and single known defects."""
