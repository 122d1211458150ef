using Lectures.Data;

namespace Lectures.Tests.Data;

[Trait("Category", "Toolkit")]
public class VocabularyTests
{
    [Fact]
    public void Hello_without_special_tokens_has_exactly_four_sorted_characters()
    {
        var vocab = CharVocabulary.Build("hello", specialTokens: false);

        Assert.Equal(4, vocab.Count);
        Assert.Equal(new[] { 'e', 'h', 'l', 'o' }, vocab.Characters);
        Assert.Equal(new long[] { 1, 0, 2, 2, 3 }, vocab.Encode("hello"));
        Assert.Equal("hello", vocab.Decode(vocab.Encode("hello")));
        Assert.Null(vocab.PaddingIndex);
    }

    [Fact]
    public void Char_vocabulary_with_special_tokens_maps_unseen_characters_to_unknown_and_skips_padding()
    {
        var vocab = CharVocabulary.Build("abc");

        Assert.Equal(5, vocab.Count);
        Assert.Equal(new long[] { 2, 1, 4 }, vocab.Encode("azc"));
        Assert.Equal($"a{CharVocabulary.UnknownCharacter}c", vocab.Decode(new long[] { 2, 1, 0, 0, 4 }));
    }

    [Fact]
    public void Char_vocabulary_errors_name_the_character_and_the_range()
    {
        var vocab = CharVocabulary.Build("hello", specialTokens: false);

        var unseen = Assert.Throws<ArgumentException>(() => vocab.Encode("help"));
        Assert.Contains("'p'", unseen.Message);
        Assert.Contains("without an unknown token", unseen.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => vocab.Decode(new long[] { 4 }));
        Assert.Contains("0..3", range.Message);
        Assert.Throws<ArgumentException>(() => CharVocabulary.Build(""));
    }

    [Fact]
    public void Word_vocabulary_orders_by_frequency_then_ordinal_and_round_trips()
    {
        var vocab = WordVocabulary.Build(["It was great.", "It was terrible!", "great food"]);

        Assert.Equal(new[] { "<pad>", "<unk>", "great", "it", "was", "!", ".", "food", "terrible" }, vocab.Tokens);
        Assert.Equal(new long[] { 3, 4, 1 }, vocab.Encode("It was awful"));
        Assert.Equal("it was great .", vocab.Decode(vocab.Encode("It was great.")));
        Assert.Equal(new[] { "the", "food", "wasn't", "good", "!" }, WordVocabulary.Tokenize("The food wasn't good!"));
    }

    [Fact]
    public void Word_vocabulary_min_count_drops_rare_words_and_tags_keep_their_case()
    {
        var vocab = WordVocabulary.Build(["a a b"], minCount: 2);
        Assert.Equal(3, vocab.Count);
        Assert.Equal(WordVocabulary.UnknownIndex, vocab.IndexOf("b"));

        var tags = WordVocabulary.FromTokens([new[] { "NOUN", "VERB", "NOUN" }]);
        Assert.Equal(new long[] { 2, 3 }, tags.Encode(new[] { "NOUN", "VERB" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => WordVocabulary.Build(["a"], minCount: 0));
    }
}

[Trait("Category", "Toolkit")]
public class SequenceTokenTests
{
    [Fact]
    public void Start_and_end_tokens_are_reserved_after_padding_and_unknown()
    {
        var vocab = WordVocabulary.Build(["forty two", "two"], startAndEnd: true);

        Assert.Equal(new[] { "<pad>", "<unk>", "<s>", "</s>", "two", "forty" }, vocab.Tokens);
        Assert.Equal(2L, vocab.StartIndex);
        Assert.Equal(3L, vocab.EndIndex);
        Assert.Null(WordVocabulary.Build(["two"]).EndIndex);
    }
}
