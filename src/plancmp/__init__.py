"""plancmp: extract and compare the numeric targets of Chinese local education plans.

Importing the package loads nothing heavy: jieba, the rules and the
gazetteer are loaded by the stage that needs them.
"""
__version__ = "0.1.0"
