using GoPack.Sdk.Testing;

namespace GoPack.Sdk.Tests.Unit.Testing;

public class TestFilterTests
{
    private static readonly string[] Packages = ["example.com/m/calc", "example.com/m/api", "example.com/m/api/v2"];

    [Fact]
    public void A_fully_qualified_name_selects_the_package_and_the_test_and_its_subtest()
    {
        var selection = TestFilter.Translate("FullyQualifiedName=example.com/m/calc.TestTable/bad_case", Packages);

        Assert.Equal(["example.com/m/calc"], selection.Packages);
        Assert.Equal("^(?i)TestTable$/^(?i)bad_case$", selection.RunPattern);
        Assert.True(selection.Include("example.com/m/calc.TestTable/bad_case", "TestTable/bad_case"));
        Assert.False(selection.Include("example.com/m/calc.TestTable", "TestTable"));
    }

    [Fact]
    public void A_name_selects_test_functions_in_every_package_and_alternatives_join()
    {
        var selection = TestFilter.Translate("Name=TestAdd|Name=TestSub", Packages);

        Assert.Equal(Packages, selection.Packages);
        Assert.Equal("(?:^(?i)TestAdd$)|(?:^(?i)TestSub$)", selection.RunPattern);
        Assert.True(selection.Include("example.com/m/api.TestSub", "TestSub"));
        Assert.False(selection.Include("example.com/m/api.TestMul", "TestMul"));
    }

    [Fact]
    public void Contains_filters_the_results_and_narrows_packages_when_it_names_one()
    {
        var anywhere = TestFilter.Translate("FullyQualifiedName~Add", Packages);
        Assert.Null(anywhere.RunPattern);
        Assert.Equal(Packages, anywhere.Packages);
        Assert.True(anywhere.Include("example.com/m/calc.TestTable/add_case", "TestTable/add_case"));

        var qualified = TestFilter.Translate("FullyQualifiedName~api.TestGet", Packages);
        Assert.Equal(["example.com/m/api"], qualified.Packages);
        Assert.Equal("^(?i)TestGet", qualified.RunPattern);

        var bare = TestFilter.Translate("calc", Packages);
        Assert.True(bare.Include("example.com/m/calc.TestX", "TestX"));
        Assert.False(bare.Include("example.com/m/api.TestX", "TestX"));
    }

    [Fact]
    public void ClassName_is_the_package_and_and_or_not_combine_with_parentheses()
    {
        var selection = TestFilter.Translate("(ClassName=example.com/m/api | ClassName=example.com/m/calc) & Name!=TestSlow", Packages);

        Assert.Equal(["example.com/m/calc", "example.com/m/api"], selection.Packages);
        Assert.Null(selection.RunPattern);
        Assert.True(selection.Include("example.com/m/api.TestFast", "TestFast"));
        Assert.False(selection.Include("example.com/m/api.TestSlow", "TestSlow"));
        Assert.False(selection.Include("example.com/m/api/v2.TestFast", "TestFast"));
    }

    [Fact]
    public void Comparisons_ignore_case_and_regular_expression_characters_are_quoted()
    {
        var selection = TestFilter.Translate(@"name=testadd.x\(1\)", Packages);

        Assert.Equal(@"^(?i)testadd\.x\(1\)$", selection.RunPattern);
        Assert.True(selection.Include("example.com/m/calc.TestAdd.X(1)", "TestAdd.X(1)"));
    }

    [Fact]
    public void Escaped_operators_are_part_of_the_value()
    {
        var selection = TestFilter.Translate(@"Name=TestA\=B", Packages);

        Assert.True(selection.Include("p.TestA=B", "TestA=B"));
    }

    [Fact]
    public void A_name_no_package_can_hold_selects_no_package()
    {
        Assert.Empty(TestFilter.Translate("FullyQualifiedName=example.com/other.TestX", Packages).Packages!);
    }

    [Fact]
    public void Without_the_package_list_go_gets_every_package_and_the_filter_still_applies()
    {
        var selection = TestFilter.Translate("Name=TestAdd", []);

        Assert.Null(selection.Packages);
        Assert.Equal("^(?i)TestAdd$", selection.RunPattern);
    }

    [Theory]
    [InlineData("TestCategory=Unit", "uses 'TestCategory', which Go tests don't have")]
    [InlineData("Priority=1", "uses 'Priority'")]
    [InlineData("Name=", "'Name=' has no value")]
    [InlineData("(Name=TestA", "a '(' is not closed")]
    [InlineData("Name=TestA)", "unexpected ')'")]
    [InlineData("Name=TestA||Name=TestB", "a condition is missing")]
    [InlineData("   ", "The test filter is empty.")]
    public void An_unsupported_filter_is_an_error_that_says_what_works(string filter, string expected)
    {
        var error = Assert.Throws<TestFilterException>(() => TestFilter.Translate(filter, Packages));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("example.com/m/calc.TestAdd", "example.com/m/calc", "TestAdd")]
    [InlineData("example.com/m/calc.TestTable/v1.2", "example.com/m/calc", "TestTable/v1.2")]
    [InlineData("gopkg.in/yaml.v3.TestX", "gopkg.in/yaml.v3", "TestX")]
    [InlineData("m.ExampleHello", "m", "ExampleHello")]
    public void Splits_a_fully_qualified_name(string name, string package, string test)
    {
        Assert.True(TestFilter.TrySplitFullyQualifiedName(name, out var p, out var t));
        Assert.Equal(package, p);
        Assert.Equal(test, t);
    }
}
