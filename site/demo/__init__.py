"""Demo and synthetic data, which span every app: the demo accounts, organisations and
certificates `make run` seeds, and the large realistic data sets `generate_training_data` writes.
Each app's own demo content (courses, quizzes) stays with the app."""
