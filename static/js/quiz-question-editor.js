/* The quiz editor's question block (quizzes.blocks.QuestionBlockAdapter).
 *
 * Choosing "True or false" for a question whose choices are still empty fills them in with the
 * two words such a question needs, in the admin's language. Choices the trainer has typed are never
 * replaced: a question changed to true/false after its choices were written keeps them, and the
 * publishing rules say what is wrong with them.
 */
(function () {
  'use strict';

  const streamField = window.wagtailStreamField;
  if (!streamField || !window.telepath) {
    return;
  }

  function choiceTexts(choices) {
    return choices.children.map((child) => child.block.childBlocks.text);
  }

  function fillTrueFalse(block, words) {
    const choices = block.childBlocks.choices;
    if (!choices || choiceTexts(choices).some((text) => (text.getValue() || '').trim())) {
      return;
    }
    while (choices.children.length < words.length) {
      choices.insert({ text: '', correct: false, feedback: '' }, choices.children.length);
    }
    choiceTexts(choices).forEach((text, index) => {
      if (index < words.length) {
        text.setState(words[index]);
      }
    });
  }

  class QuestionBlockDefinition extends streamField.blocks.StructBlockDefinition {
    render(placeholder, prefix, initialState, initialError) {
      const block = super.render(placeholder, prefix, initialState, initialError);
      const trueFalse = this.meta.trueFalse;
      const kind = document.getElementById(`${prefix}-kind`);
      if (trueFalse && kind) {
        kind.addEventListener('change', () => {
          if (kind.value === trueFalse.kind) {
            fillTrueFalse(block, trueFalse.choices);
          }
        });
      }
      return block;
    }
  }

  window.telepath.register('redflag.quizzes.QuestionBlock', QuestionBlockDefinition);
})();
