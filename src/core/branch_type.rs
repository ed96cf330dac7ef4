//! The kinds of party branch (chi bộ) the domain list names: residential, agency, enterprise,
//! school, armed forces… A visit records its branch's type; a template may give guidance per type.

use serde::{Deserialize, Serialize};

use crate::strings::Msg;

/// Branch types of the domain list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchType {
    NongThon,
    KhuDanCu,
    CoQuan,
    SuNghiep,
    TruongHoc,
    DnNhaNuoc,
    DnNgoaiNhaNuoc,
    HopTacXa,
    QuanDoi,
    CongAn,
    Khac,
}

impl BranchType {
    pub const ALL: [BranchType; 11] = [
        BranchType::NongThon,
        BranchType::KhuDanCu,
        BranchType::CoQuan,
        BranchType::SuNghiep,
        BranchType::TruongHoc,
        BranchType::DnNhaNuoc,
        BranchType::DnNgoaiNhaNuoc,
        BranchType::HopTacXa,
        BranchType::QuanDoi,
        BranchType::CongAn,
        BranchType::Khac,
    ];

    /// The id used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            BranchType::NongThon => "nong_thon",
            BranchType::KhuDanCu => "khu_dan_cu",
            BranchType::CoQuan => "co_quan",
            BranchType::SuNghiep => "su_nghiep",
            BranchType::TruongHoc => "truong_hoc",
            BranchType::DnNhaNuoc => "dn_nha_nuoc",
            BranchType::DnNgoaiNhaNuoc => "dn_ngoai_nha_nuoc",
            BranchType::HopTacXa => "hop_tac_xa",
            BranchType::QuanDoi => "quan_doi",
            BranchType::CongAn => "cong_an",
            BranchType::Khac => "khac",
        }
    }

    pub fn from_id(id: &str) -> Option<BranchType> {
        BranchType::ALL.into_iter().find(|t| t.id() == id)
    }

    /// Its name for people.
    pub fn label(self) -> Msg {
        match self {
            BranchType::NongThon => Msg::TypeNongThon,
            BranchType::KhuDanCu => Msg::TypeKhuDanCu,
            BranchType::CoQuan => Msg::TypeCoQuan,
            BranchType::SuNghiep => Msg::TypeSuNghiep,
            BranchType::TruongHoc => Msg::TypeTruongHoc,
            BranchType::DnNhaNuoc => Msg::TypeDnNhaNuoc,
            BranchType::DnNgoaiNhaNuoc => Msg::TypeDnNgoaiNhaNuoc,
            BranchType::HopTacXa => Msg::TypeHopTacXa,
            BranchType::QuanDoi => Msg::TypeQuanDoi,
            BranchType::CongAn => Msg::TypeCongAn,
            BranchType::Khac => Msg::TypeKhac,
        }
    }
}
