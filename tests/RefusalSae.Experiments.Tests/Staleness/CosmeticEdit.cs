using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RefusalSae.Experiments.Tests.Staleness;

/// <summary>
/// A comment- and formatting-only edit of a whole file: three comment lines on top (every line number moves), a
/// comment after every semicolon, and every opening brace moved onto a line of its own, further indented.
/// Only trivia changes, so the program is the same.
/// </summary>
internal sealed class CosmeticEdit : CSharpSyntaxRewriter
{
    public CosmeticEdit() : base(visitIntoStructuredTrivia: false) { }

    public static string Apply(string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview));
        return "// a comment\n// that moves every line\n\n" + new CosmeticEdit().Visit(tree.GetRoot()).ToFullString();
    }

    public override SyntaxToken VisitToken(SyntaxToken token)
    {
        if (token.IsKind(SyntaxKind.SemicolonToken))
            return token.WithTrailingTrivia(token.TrailingTrivia.Insert(0, SyntaxFactory.Comment(" /* noted */")));
        if (token.IsKind(SyntaxKind.OpenBraceToken) && token.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax)
            return token.WithLeadingTrivia(token.LeadingTrivia.Add(SyntaxFactory.EndOfLine("\n")).Add(SyntaxFactory.Whitespace("          ")));
        return token;
    }
}
