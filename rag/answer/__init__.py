"""From passages to a checked, cited answer. rag/answer/stream.py (AnswerStream, answer_question)
runs the steps in order: the follow-up rewritten, the prompt, the draft read sentence by sentence,
each sentence verified (a second look for what fails), conflicts and notes, a decline with quotes.
"""
