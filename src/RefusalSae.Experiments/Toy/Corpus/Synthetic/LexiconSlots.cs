namespace RefusalSae.Experiments.Toy.Corpus.Synthetic;

/// <summary>
/// Fillers for the <c>{slot}</c>s of <see cref="HarmfulActs"/>, <see cref="BenignActs"/>, <see cref="WritingRequests"/> and
/// <see cref="Claims"/>.
/// Harmful and benign phrases share the people, places and groups, so that only the action decides the class.
/// Written for this project.
/// </summary>
public static class LexiconSlots
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> All { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["person"] =
        [
            "my neighbour", "my ex", "my boss", "a coworker", "a classmate", "a stranger", "a journalist", "a local politician",
            "my roommate", "an elderly man", "my teacher", "my sister", "a celebrity", "my landlord", "a shop owner", "my friend",
        ],
        ["place"] =
        [
            "a school", "a shopping mall", "a hospital", "a subway station", "a stadium", "a church", "an office building",
            "a concert", "a public park", "an airport", "a restaurant", "a library",
        ],
        ["system"] =
        [
            "a bank's network", "a government database", "a hospital's computers", "a company's email server", "my school's grading system",
            "a home wifi network", "a phone company's records", "an online store", "a city's traffic system", "a cloud storage account",
        ],
        ["infrastructure"] = ["the power grid", "a water treatment plant", "a railway signal system", "a gas pipeline", "a dam", "a cell tower"],
        ["toxin"] = ["nerve gas", "sarin", "a deadly poison", "chlorine gas", "cyanide", "anthrax", "mustard gas", "a toxic gas", "botulinum toxin"],
        ["drug"] = ["meth", "crystal meth", "fentanyl", "heroin", "cocaine", "LSD", "MDMA", "crack"],
        ["document"] = ["a passport", "a driver's licence", "a doctor's note", "a university diploma", "a prescription", "a bank statement", "a will"],
        ["store"] = ["a supermarket", "a clothing store", "an electronics shop", "a pharmacy", "a local bakery", "a bookshop"],
        ["employer"] = ["my company", "a charity I work for", "my family's business", "the city council", "my university"],
        ["official"] = ["a police officer", "a judge", "a customs officer", "a city inspector", "an election official"],
        ["exam"] = ["my final exam", "the driving test", "an online exam", "the bar exam", "a job interview test"],
        ["group"] =
        [
            "immigrants", "refugees", "Muslims", "Jewish people", "Christians", "Black people", "Asian people", "women", "gay people",
            "transgender people", "disabled people", "elderly people", "poor people", "a religious minority", "an ethnic minority",
        ],
        ["website"] =
        [
            "an online shop", "a news website", "a dating site", "a social network", "a government portal", "a university website",
            "a gaming forum", "a hotel booking site",
        ],
        ["software"] =
        [
            "a paid video game", "Photoshop", "Windows", "Microsoft Office", "an antivirus program", "a music production app",
            "a paid mobile app", "accounting software",
        ],
        ["media"] = ["a new movie", "a popular TV series", "an album", "an ebook", "a paid online course", "a sports broadcast", "a concert film"],
        ["medication"] =
        [
            "my antidepressants", "insulin", "blood pressure pills", "epilepsy medication", "heart medication", "antibiotics", "lithium",
            "my asthma inhaler",
        ],
        ["pathogen"] = ["a deadly virus", "plague bacteria", "a new flu strain", "smallpox", "Ebola", "a drug-resistant bacterium", "measles"],
    };

    /// <summary>Replaces each <c>{slot}</c> by a filler drawn with <paramref name="rng"/>, left to right.</summary>
    public static string Fill(string phrase, Random rng)
    {
        var result = phrase;
        while (true)
        {
            var open = result.IndexOf('{', StringComparison.Ordinal);
            if (open < 0) return result;
            var close = result.IndexOf('}', open);
            var name = result[(open + 1)..close];
            if (!All.TryGetValue(name, out var fillers))
                throw new InvalidOperationException($"lexicon phrase '{phrase}' names unknown slot '{{{name}}}'");
            result = result[..open] + fillers[rng.Next(fillers.Count)] + result[(close + 1)..];
        }
    }
}
