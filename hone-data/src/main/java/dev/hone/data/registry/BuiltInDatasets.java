package dev.hone.data.registry;

import dev.hone.core.data.TaskType;
import dev.hone.data.csv.CsvOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The datasets Hone knows by name. Every hash below is the SHA-256 published with the dataset
 * mirror (its per-folder README lists each file, and for gzipped files the hash of the original as
 * well); download addresses pin the source commit so the bytes cannot drift.
 */
final class BuiltInDatasets {
  private BuiltInDatasets() {}

  private static final String SKLEARN_BASE =
      "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/";

  static final List<String> ADULT_COLUMNS =
      List.of(
          "age", "workclass", "fnlwgt", "education", "education-num", "marital-status",
          "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss",
          "hours-per-week", "native-country", "income");

  static List<DatasetDescriptor> all() {
    return List.of(
        adult(), germanCredit(), californiaHousing(), titanic(), creditDefaultTaiwan(), iris(),
        wine(), breastCancer(), digits(), diabetes());
  }

  private static CsvOptions plain() {
    return CsvOptions.defaults().withHeader(false).withDelimiter(',');
  }

  private static CsvOptions withHeader() {
    return CsvOptions.defaults().withHeader(true).withDelimiter(',');
  }

  static DatasetDescriptor adult() {
    String base =
        "https://raw.githubusercontent.com/j2kun/boosting/"
            + "0cc64246127fbdd26f79dce5db8f4786c536dc91/data/";
    DatasetFile train =
        new DatasetFile(
            "adult.data.gz", "c7a2b4716a97f930123e0baf879188d701e798172631a654fc703d4b082907f3",
            URI.create(base + "adult.data"), "adult.data",
            "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d");
    DatasetFile test =
        new DatasetFile(
            "adult.test.gz", "f53c611b4f3127c63af6d8f956cc638c4084bd56caa099fcf2c488fb6f648b50",
            URI.create(base + "adult.test"), "adult.test",
            "fa2840c5534281187f0abf149b059589983edd43df7472dd172e74393bd8c3fa");
    CsvOptions opts = plain().withColumnNames(ADULT_COLUMNS);
    return new DatasetDescriptor(
        "adult",
        "UCI Adult (Census Income), 1994 US census extract: does a person earn more than $50K a"
            + " year? 32,561 training and 16,281 test rows, 14 features. No header (names from"
            + " adult.names), ', ' separators, '?' for missing; the test file's banner line is"
            + " skipped and its labels' trailing '.' removed. Positive class: >50K.",
        "Becker, B. & Kohavi, R. (1996). Adult [Dataset]. UCI Machine Learning Repository."
            + " https://doi.org/10.24432/C5XW20",
        "CC BY 4.0 (UCI)",
        "adult",
        new DataPart(train, opts),
        new DataPart(test, opts.withSkipLines(1)),
        null,
        "income",
        TaskType.BINARY,
        List.of("sex", "race"),
        List.of());
  }

  static DatasetDescriptor germanCredit() {
    return new DatasetDescriptor(
        "german_credit",
        "Statlog German Credit: 1,000 loan applicants rated good (1, 700 rows) or bad (2, 300"
            + " rows) credit risks; 20 attributes, categorical ones coded A11..A202 (see"
            + " german.doc), plus a column 'sex' derived from attribute 9. Positive class (index"
            + " 1): 2 = bad. The documented cost matrix charges 5 for predicting good for a bad"
            + " customer and 1 for the reverse.",
        "Hofmann, H. (1994). Statlog (German Credit Data) [Dataset]. UCI Machine Learning"
            + " Repository. https://doi.org/10.24432/C5NC77",
        "CC BY 4.0 (UCI)",
        "german_credit",
        new DataPart(
            DatasetFile.mirrorOnly(
                "german_credit_named.csv",
                "30bd7a4f00368513d150f85c82f5eb95c9a9077185dd6572dc033f00ae7ada92"),
            withHeader()),
        null,
        null,
        "credit_risk",
        TaskType.BINARY,
        List.of("sex"),
        List.of());
  }

  static DatasetDescriptor californiaHousing() {
    return new DatasetDescriptor(
        "california_housing",
        "California Housing (Hands-On ML variant): median house value in US dollars of 20,640"
            + " census block groups (1990), 9 features including the categorical"
            + " ocean_proximity; 207 missing total_bedrooms; the target is capped at 500,001.",
        "Pace, R. K. & Barry, R. (1997). Sparse Spatial Autoregressions. Statistics & Probability"
            + " Letters 33, 291-297. File from A. Geron, Hands-On Machine Learning (ageron/"
            + "handson-ml2).",
        "data: StatLib (public); repository Apache-2.0",
        "california_housing",
        new DataPart(
            DatasetFile.same(
                "housing.csv", "8a3727f4cf54ac1a327f69b1d5b4db54c5834ea81c6e4efc0d163300022a685e",
                "https://raw.githubusercontent.com/ageron/handson-ml2/"
                    + "1e2115277b50f6c584cd668fa30e3af309a5b136/datasets/housing/housing.csv"),
            withHeader()),
        null,
        null,
        "median_house_value",
        TaskType.REGRESSION,
        List.of(),
        List.of());
  }

  static DatasetDescriptor titanic() {
    // The mirror repaired one byte (SibSp of PassengerId 6 was a space); a download gets the
    // unrepaired source file, where that cell reads as missing.
    DatasetFile train =
        new DatasetFile(
            "train.csv", "7d118fef8b6ccf7f81111877bc388536f7b1e498a655e3d649d19aaa010e9f6f",
            URI.create(
                "https://raw.githubusercontent.com/NathanPr03/kaggle-ml/"
                    + "9a88061de9cab850fec8cb8cb7a9290dbd56fd81/data/titanic/train.csv"),
            "train.csv", "66376141e3bfd92e5359c990c3a791648263f9ec75b4cd69fc6881114d658831");
    return new DatasetDescriptor(
        "titanic",
        "Kaggle Titanic training file: did each of 891 passengers survive (0: 549, 1: 342)? 11"
            + " columns besides the target, with free-text Name, Ticket and Cabin; missing Age"
            + " (177), Cabin (687) and Embarked (2). Positive class: 1 = survived.",
        "Kaggle, \"Titanic - Machine Learning from Disaster\", https://www.kaggle.com/c/titanic,"
            + " based on Encyclopedia Titanica and F. E. Harrell's titanic3.",
        "Kaggle competition rules",
        "titanic",
        new DataPart(train, withHeader()),
        null,
        null,
        "Survived",
        TaskType.BINARY,
        List.of("Sex"),
        List.of("PassengerId"));
  }

  static DatasetDescriptor creditDefaultTaiwan() {
    DatasetFile file =
        new DatasetFile(
            "UCI_Credit_Card.csv.gz",
            "8636760e4c4ba38988673e0571f91127968f7f1324d283927dec124ef47d65d7",
            URI.create(
                "https://raw.githubusercontent.com/fju155447/uci/"
                    + "84670e783ab9fd2459b7096d82965f28dafb66b2/UCI_Credit_Card.csv"),
            "UCI_Credit_Card.csv",
            "023eb2c3ad9efd15e7869616fa50a0143f25223105c7069ba632431530afdb61");
    return new DatasetDescriptor(
        "credit_default_taiwan",
        "Default of credit card clients (Taiwan, 2005): does a client default next month (Y: 0"
            + " 23,364 / 1 6,636)? 30,000 rows; columns keep UCI's names: X1 LIMIT_BAL, X2 SEX"
            + " (1 male, 2 female), X3 EDUCATION, X4 MARRIAGE (X2-X4 read as categorical), X5 AGE,"
            + " X6-X11 repayment status, X12-X17 bill amounts, X18-X23 payments. Positive class:"
            + " 1 = default.",
        "Yeh, I-C. & Lien, C-H. (2009). The comparisons of data mining techniques for the"
            + " predictive accuracy of probability of default of credit card clients. Expert"
            + " Systems with Applications 36(2), 2473-2480. https://doi.org/10.24432/C55S3H",
        "CC BY 4.0 (UCI)",
        "credit_default_taiwan",
        new DataPart(file, withHeader().withCategoricalColumns(List.of("X2", "X3", "X4"))),
        null,
        null,
        "Y",
        TaskType.BINARY,
        List.of("X2"),
        List.of("ID"));
  }

  private static DataPart sklearnCsv(String file, String sha, List<String> columns) {
    // line 1 is "n_samples,n_features,class names...", not a header
    return new DataPart(
        DatasetFile.same(file, sha, SKLEARN_BASE + file),
        plain().withSkipLines(1).withColumnNames(columns));
  }

  private static final String SKLEARN_CITE_SUFFIX =
      " Packaged with scikit-learn 1.2.1 (Pedregosa et al., JMLR 12, 2825-2830, 2011).";

  static DatasetDescriptor iris() {
    return new DatasetDescriptor(
        "iris",
        "Fisher's iris: 150 flowers, 4 measurements in cm, species coded 0 setosa, 1 versicolor,"
            + " 2 virginica (50 each).",
        "Fisher, R. A. (1936). The use of multiple measurements in taxonomic problems. Annals of"
            + " Eugenics 7(2), 179-188." + SKLEARN_CITE_SUFFIX,
        "BSD-3-Clause (scikit-learn)",
        "sklearn_small",
        sklearnCsv(
            "iris.csv", "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
            List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm",
                "species")),
        null,
        null,
        "species",
        TaskType.MULTICLASS,
        List.of(),
        List.of());
  }

  static DatasetDescriptor wine() {
    return new DatasetDescriptor(
        "wine",
        "UCI Wine recognition: 178 wines from three cultivars (0: 59, 1: 71, 2: 48), 13 chemical"
            + " measurements.",
        "Forina, M. et al. PARVUS - An Extendible Package for Data Exploration, Classification"
            + " and Correlation. UCI Wine [Dataset],"
            + " https://archive.ics.uci.edu/ml/machine-learning-databases/wine/wine.data."
            + SKLEARN_CITE_SUFFIX,
        "BSD-3-Clause (scikit-learn)",
        "sklearn_small",
        sklearnCsv(
            "wine_data.csv", "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
            List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
                "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
                "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline",
                "cultivar")),
        null,
        null,
        "cultivar",
        TaskType.MULTICLASS,
        List.of(),
        List.of());
  }

  static DatasetDescriptor breastCancer() {
    List<String> cols = new ArrayList<>();
    String[] base = {"radius", "texture", "perimeter", "area", "smoothness", "compactness",
        "concavity", "concave_points", "symmetry", "fractal_dimension"};
    for (String b : base) {
      cols.add("mean_" + b);
    }
    for (String b : base) {
      cols.add(b + "_error");
    }
    for (String b : base) {
      cols.add("worst_" + b);
    }
    cols.add("diagnosis");
    return new DatasetDescriptor(
        "breast_cancer",
        "Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 numeric features of cell nuclei"
            + " (mean, standard error, worst); diagnosis 0 = malignant (212), 1 = benign (357)."
            + " Positive class (index 1): 1 = benign, as scikit-learn codes it.",
        "Street, W. N., Wolberg, W. H. & Mangasarian, O. L. (1993). Nuclear feature extraction"
            + " for breast tumor diagnosis. IS&T/SPIE Electronic Imaging 1905, 861-870."
            + SKLEARN_CITE_SUFFIX,
        "BSD-3-Clause (scikit-learn)",
        "sklearn_small",
        sklearnCsv(
            "breast_cancer.csv", "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
            cols),
        null,
        null,
        "diagnosis",
        TaskType.BINARY,
        List.of(),
        List.of());
  }

  static DatasetDescriptor digits() {
    List<String> cols = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 8; c++) {
        cols.add("pixel_" + r + "_" + c);
      }
    }
    cols.add("digit");
    return new DatasetDescriptor(
        "digits",
        "Optical recognition of handwritten digits (UCI test part): 1,797 8x8 images, 64 pixel"
            + " intensities 0-16, digit 0-9.",
        "Alpaydin, E. & Kaynak, C. (1995). Optical Recognition of Handwritten Digits [Dataset]."
            + " UCI Machine Learning Repository,"
            + " https://archive.ics.uci.edu/ml/datasets/Optical+Recognition+of+Handwritten+Digits."
            + SKLEARN_CITE_SUFFIX,
        "BSD-3-Clause (scikit-learn)",
        "sklearn_small",
        new DataPart(
            DatasetFile.same(
                "digits.csv.gz", "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a",
                SKLEARN_BASE + "digits.csv.gz"),
            plain().withColumnNames(cols)),
        null,
        null,
        "digit",
        TaskType.MULTICLASS,
        List.of(),
        List.of());
  }

  static DatasetDescriptor diabetes() {
    CsvOptions data =
        CsvOptions.defaults()
            .withHeader(false)
            .withDelimiter(' ')
            .withColumnNames(
                List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"))
            .withCategoricalColumns(List.of("sex"));
    CsvOptions target =
        CsvOptions.defaults()
            .withHeader(false)
            .withDelimiter(',')
            .withColumnNames(List.of("disease_progression"));
    return new DatasetDescriptor(
        "diabetes",
        "Diabetes (Efron et al.): disease progression one year after baseline (25-346) for 442"
            + " patients; 10 raw, unscaled baseline variables (age, sex coded 1/2 and read as"
            + " categorical, BMI, blood pressure, six serum measurements s1-s6). Data and target"
            + " come in two space-separated files, joined here column-wise.",
        "Efron, B., Hastie, T., Johnstone, I. & Tibshirani, R. (2004). Least Angle Regression."
            + " Annals of Statistics 32(2), 407-499." + SKLEARN_CITE_SUFFIX,
        "BSD-3-Clause (scikit-learn)",
        "sklearn_small",
        new DataPart(
            DatasetFile.same(
                "diabetes_data_raw.csv.gz",
                "fc08fc59c1cbfe65550d9ebb36321d505de9e8f004bf92c1566d2908962f08ff",
                SKLEARN_BASE + "diabetes_data_raw.csv.gz"),
            data),
        null,
        new DataPart(
            DatasetFile.same(
                "diabetes_target.csv.gz",
                "bf1ddd1f9d377278450a5f02c24b5e77b1501f2ad673fe9fdf4c4090d27eb5cc",
                SKLEARN_BASE + "diabetes_target.csv.gz"),
            target),
        "disease_progression",
        TaskType.REGRESSION,
        List.of("sex"),
        List.of());
  }
}
