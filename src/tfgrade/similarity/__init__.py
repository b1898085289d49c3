"""Similar submissions: normalised code fingerprinted with copydetect, handed-out and common code removed."""

from tfgrade.similarity.detect import ExerciseSimilarity, Pair, Settings, class_similarity, exercise_similarity
from tfgrade.similarity.report import similarity_html, similarity_json, similarity_section

__all__ = ["ExerciseSimilarity", "Pair", "Settings", "class_similarity", "exercise_similarity", "similarity_html",
           "similarity_json", "similarity_section"]
